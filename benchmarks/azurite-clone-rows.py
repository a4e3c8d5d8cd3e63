#!/usr/bin/env python3
"""Multiplies a small csv-bench seed inside Azurite's saved table database, for `csv` runs at sizes Azurite cannot
seed through its API in reasonable time (it finds a row by scanning its partition, so writing one big course index
partition row by row is quadratic).

Usage (Azurite stopped, so its database file is saved and not in use):
  azurite-clone-rows.py <.azurite/__azurite_db_table__.json> <table prefix> <course id> <rows>

Takes the course's first registration (`{course}-000000`) in `{prefix}Registrations` and its course index row in
`{prefix}RegistrationIndex` as templates and replaces the course's rows with <rows> copies named as the bench names
them (`{course}-NNNNNN`, learner `learner-NNNNNN`), renumbering LokiJS ids and rebuilding its binary indices.
"""
import json
import sys


def clone(collection, template, course, rows, key_of, first_id):
    kept = [d for d in collection["data"] if not key_of(d).startswith(course + "-")]
    text = json.dumps(template)
    clones = []
    for i in range(rows):
        doc = json.loads(text.replace(f"{course}-000000", f"{course}-{i:06d}").replace("learner-000000", f"learner-{i:06d}"))
        doc["$loki"] = first_id + i
        doc["meta"] = {"revision": 0, "created": template["meta"]["created"], "version": 0}
        clones.append(doc)
    data = kept + clones
    data.sort(key=lambda d: d["$loki"])
    collection["data"] = data
    collection["maxId"] = max(d["$loki"] for d in data)
    collection["idIndex"] = [d["$loki"] for d in data]
    for name, index in collection["binaryIndices"].items():
        index["values"] = sorted(range(len(data)), key=lambda p: (data[p][name], p))
        index["dirty"] = False
    collection["dirty"] = True


def main(path, prefix, course, rows):
    rows = int(rows)
    with open(path, encoding="utf-8") as f:
        db = json.load(f)
    by_name = {c["name"]: c for c in db["collections"]}
    records = by_name[f"devstoreaccount1${prefix}Registrations"]
    index = by_name[f"devstoreaccount1${prefix}RegistrationIndex"]
    first = f"{course}-000000"
    record = next(d for d in records["data"] if d["PartitionKey"] == first)
    copy = next(d for d in index["data"] if d["PartitionKey"] == "c|" + course and d["RowKey"] == first)
    next_id = max(records["maxId"], index["maxId"]) + 1
    clone(records, record, course, rows, lambda d: d["PartitionKey"], next_id)
    clone(index, copy, course, rows, lambda d: d["RowKey"] if d["PartitionKey"] == "c|" + course else "", next_id)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(db, f, separators=(",", ":"))
    print(f"{rows:,} registrations of {course} in {prefix}Registrations and {prefix}RegistrationIndex")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
