#!/usr/bin/env python3
"""Python peer of the structure-only validation: json.loads per line and the same chat-format checks.

Usage: structure_check.py FILE [--workers N]. Prints "lines invalid" when done.
"""
import json, sys
from multiprocessing import Pool

ROLES = {"system", "user", "assistant", "tool"}
TOP = {"messages", "tools", "parallel_tool_calls", "functions"}
MSG = {"role", "content", "name", "weight", "tool_calls", "tool_call_id", "function_call", "refusal"}


def check(raw):
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return 1
    if "\0" in line or not line.strip():
        return 1
    try:
        ex = json.loads(line)
    except ValueError:
        return 1
    if not isinstance(ex, dict) or any(k not in TOP for k in ex):
        return 1
    msgs = ex.get("messages")
    if not isinstance(msgs, list) or not msgs:
        return 1
    bad = 0
    for m in msgs:
        if not isinstance(m, dict) or any(k not in MSG for k in m):
            bad = 1
            continue
        role = m.get("role")
        if role not in ROLES:
            bad = 1
        content = m.get("content")
        if isinstance(content, str):
            if not content.strip() and not (role == "assistant" and m.get("tool_calls")):
                bad = 1
        elif isinstance(content, list):
            for p in content:
                if not isinstance(p, dict) or not isinstance(p.get("type"), str):
                    bad = 1
        elif content is None:
            if not (role == "assistant" and m.get("tool_calls")):
                bad = 1
        else:
            bad = 1
        if role == "tool" and not isinstance(m.get("tool_call_id"), str):
            bad = 1
        tc = m.get("tool_calls")
        if tc is not None:
            if role != "assistant" or not isinstance(tc, list):
                bad = 1
            else:
                for c in tc:
                    f = c.get("function") if isinstance(c, dict) else None
                    if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not isinstance(f.get("arguments"), str):
                        bad = 1
        w = m.get("weight")
        if w is not None and (role != "assistant" or w not in (0, 1)):
            bad = 1
    if msgs[-1].get("role") != "assistant" if isinstance(msgs[-1], dict) else True:
        bad = 1
    return bad


def check_chunk(lines):
    return len(lines), sum(check(l) for l in lines)


def chunks(path, size=2000):
    with open(path, "rb") as f:
        batch = []
        for raw in f:
            batch.append(raw.rstrip(b"\r\n"))
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch


def main():
    path = sys.argv[1]
    workers = int(sys.argv[sys.argv.index("--workers") + 1]) if "--workers" in sys.argv else 1
    total = invalid = 0
    if workers == 1:
        results = map(check_chunk, chunks(path))
        for n, b in results:
            total += n
            invalid += b
    else:
        with Pool(workers) as pool:
            for n, b in pool.imap(check_chunk, chunks(path), chunksize=4):
                total += n
                invalid += b
    print(total, invalid)


if __name__ == "__main__":
    main()
