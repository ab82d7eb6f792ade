"""Reproducible zip of a folder: sorted entries, fixed timestamps and modes, files at the root.

python3 scripts/zip.py SRC_DIR OUT.zip
"""
import os
import sys
import zipfile

src, out = sys.argv[1], sys.argv[2]
paths = sorted(
    os.path.relpath(os.path.join(d, f), src)
    for d, _, files in os.walk(src) for f in files
)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for p in paths:
        info = zipfile.ZipInfo(p.replace(os.sep, "/"), date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(src, p), "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
