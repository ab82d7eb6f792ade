"""Reproducible zip of a folder: sorted entries, fixed timestamps and modes, files at the root.

python3 scripts/zip.py SRC_DIR OUT.zip EPOCH

Every entry is dated EPOCH (seconds, UTC: the commit's time, SOURCE_DATE_EPOCH), so two builds
of one commit give the same bytes whenever and wherever they run. Zip dates cannot be before
1980; an earlier EPOCH is refused rather than silently moved.
"""
import os
import sys
import time
import zipfile

if len(sys.argv) != 4 or not sys.argv[3].isdigit():
    sys.exit("usage: python3 scripts/zip.py SRC_DIR OUT.zip EPOCH (whole seconds since 1970, UTC)")
src, out, epoch = sys.argv[1], sys.argv[2], int(sys.argv[3])
date_time = time.gmtime(epoch)[:6]
if date_time[0] < 1980:
    sys.exit(f"zip: EPOCH {epoch} is before 1980, which a zip cannot date")

paths = sorted(
    os.path.relpath(os.path.join(d, f), src).replace(os.sep, "/")
    for d, _, files in os.walk(src) for f in files
)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for p in paths:
        info = zipfile.ZipInfo(p, date_time=date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, whatever the OS that builds
        info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
        with open(os.path.join(src, p), "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
