#!/usr/bin/env python3
"""Draws extension/icons/icon-{16,32,48,128}.png: a white key on a #3c64f4 rounded square.

Standard library only (zlib + struct): shapes are signed-distance functions, sampled 4x4 per
pixel for anti-aliasing. Run from the repository root; the PNGs are committed.
"""
import math
import struct
import zlib
from pathlib import Path

ACCENT = (0x3C, 0x64, 0xF4)
WHITE = (0xFF, 0xFF, 0xFF)
SS = 4  # samples per pixel, per axis


def rounded_rect(x, y, cx, cy, half, radius):
    qx = abs(x - cx) - (half - radius)
    qy = abs(y - cy) - (half - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def box(x, y, x0, y0, x1, y1):
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    qx = abs(x - cx) - (x1 - x0) / 2
    qy = abs(y - cy) - (y1 - y0) / 2
    return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0)


def key(x, y):
    """Key in unit coordinates, rotated 45 degrees: ring at the upper left, bit at lower right."""
    # rotate the point by +45 degrees around the centre so the key can be drawn horizontally
    c = s = math.sqrt(0.5)
    dx, dy = x - 0.5, y - 0.5
    u, v = dx * c + dy * s + 0.5, -dx * s + dy * c + 0.5
    ring = abs(math.hypot(u - 0.30, v - 0.5) - 0.115) - 0.055
    shaft = box(u, v, 0.38, 0.45, 0.84, 0.55)
    tooth1 = box(u, v, 0.62, 0.50, 0.69, 0.65)
    tooth2 = box(u, v, 0.75, 0.50, 0.84, 0.69)
    return min(ring, shaft, tooth1, tooth2)


def pixel(px, py, size):
    margin = 0.0 if size <= 16 else 1 / 16
    half = 0.5 - margin
    acc = [0.0, 0.0, 0.0, 0.0]  # premultiplied rgb + alpha
    for sy in range(SS):
        for sx in range(SS):
            x = (px + (sx + 0.5) / SS) / size
            y = (py + (sy + 0.5) / SS) / size
            if rounded_rect(x, y, 0.5, 0.5, half, 0.22 * half * 2) > 0:
                continue
            colour = WHITE if key(x, y) <= 0 else ACCENT
            for i in range(3):
                acc[i] += colour[i]
            acc[3] += 1
    n = SS * SS
    if acc[3] == 0:
        return (0, 0, 0, 0)
    return tuple(round(acc[i] / acc[3]) for i in range(3)) + (round(255 * acc[3] / n),)


def png(size):
    rows = b""
    for py in range(size):
        rows += b"\x00" + b"".join(bytes(pixel(px, py, size)) for px in range(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = Path("extension/icons")
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (out / f"icon-{size}.png").write_bytes(png(size))
        print(f"icons: icon-{size}.png")
