"""Names the entries two zips differ in (scripts/reproducible.sh, when the packages differ).

python3 scripts/zip-diff.py A.zip B.zip
"""
import hashlib
import sys
import zipfile


def entries(path):
    with zipfile.ZipFile(path) as z:
        return {
            i.filename: (hashlib.sha256(z.read(i)).hexdigest(), i.date_time, i.external_attr)
            for i in z.infolist()
        }


def headers(path):
    with zipfile.ZipFile(path) as z:
        return [
            (i.filename, i.compress_type, i.flag_bits, i.extra, i.create_system, i.comment)
            for i in z.infolist()
        ]


a, b = entries(sys.argv[1]), entries(sys.argv[2])
if a == b:
    if headers(sys.argv[1]) != headers(sys.argv[2]):
        print("  the entries are equal; their order or zip headers differ")
    else:
        print("  the entries and their headers are equal; the archives' bytes differ elsewhere")
for name in sorted(a.keys() | b.keys()):
    if name not in a:
        print(f"  only in the second: {name}")
    elif name not in b:
        print(f"  only in the first: {name}")
    elif a[name][0] != b[name][0]:
        print(f"  content differs: {name}")
    elif a[name] != b[name]:
        print(f"  date or mode differs: {name}")
