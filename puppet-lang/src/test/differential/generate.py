#!/usr/bin/env python3
"""Random inputs for the differential check (see run): strftime formats, Timespan formats, Timestamp strings and
to_yaml values, written as JSON files into the directory given as the only argument."""
import json, os, random, sys

out = sys.argv[1]
random.seed(int(os.environ.get('SEED', '5')))

def strftime_cases(n):
    convs = list("YCymdejHkIlMSLNsuwUWGgVAaBbhpPZzntcDxFTXR%v+QJEO:")
    zones = [None, None, '+01:00', '-09:30', 'EST', 'JST', '+0545', 'UTC', 'Z', '-12', '+14:00']
    cases = []
    for _ in range(n):
        f = ''
        for _ in range(random.randint(1, 4)):
            f += random.choice(['', 'x', ' ', '-', '|', '%'])
            f += ('%' + ''.join(random.choice('-_0^#') for _ in range(random.choice([0, 0, 0, 1, 1, 2])))
                  + random.choice(['', '', '', str(random.randint(0, 25))])
                  + ''.join(random.choice('-_0^#:EO') for _ in range(random.choice([0, 0, 0, 1])))
                  + random.choice(convs))
        cases.append([f, random.choice([random.randint(-2 * 10**9, 7 * 10**9), random.randint(-62 * 10**9, 250 * 10**9)]), random.randint(0, 999999999), random.choice(zones)])
    return cases

def timespan_cases(n):
    cases = []
    for _ in range(n):
        f = ''
        for _ in range(random.randint(1, 4)):
            f += random.choice(['', '-', ':', '.', ' ', 'x', '%%'])
            f += ('%' + random.choice(['', '', '-', '_', '0']) + random.choice(['', '', '', str(random.randint(1, 12))])
                  + random.choice('DHMSLN'))
        cases.append([f, random.choice([random.randint(-10**15, 10**15), random.randint(0, 10**6), 0])])
    return cases

def timestamp_cases(n):
    fmts = ['%FT%T.%N %Z', '%F %T', '%F', '%Y-%m-%d %H:%M', '%d/%m/%Y', '%b %d %Y', '%Y%m%d', '%FT%T%z', '%Y-%j',
            '%I:%M %p %F', '%A %d %B %Y', '%y-%m-%d', '%e.%m.%Y', '%FT%T.%L']
    zones = ['Z', 'UTC', '+01:00', '-0530', 'EST', 'CET', 'PDT', '+1', 'utc+2', 'foo', 'Eastern Standard Time', 'GMT-3']
    cases = []
    for _ in range(n):
        y, mo, d = random.randint(1, 9999), random.randint(0, 13), random.randint(0, 32)
        h, mi, s = random.randint(0, 25), random.randint(0, 61), random.randint(0, 61)
        frac = ''.join(random.choice('0123456789') for _ in range(random.randint(1, 12)))
        z, sep = random.choice(zones), random.choice(['T', ' ', 't', '  '])
        text = random.choice([f"{y}-{mo:02d}-{d:02d}{sep}{h:02d}:{mi:02d}:{s:02d}", f"{y}-{mo:02d}-{d:02d}{sep}{h:02d}:{mi:02d}:{s:02d}.{frac}",
                              f"{y}-{mo}-{d}", f"{y}-{mo:02d}-{d:02d} {z}", f"{y}-{mo:02d}-{d:02d}{sep}{h:02d}:{mi:02d}:{s:02d}{z}",
                              f"{d:02d}/{mo:02d}/{y}", f"Jan {d} {y}", f"{h % 13:02d}:{mi:02d} {random.choice(['AM', 'pm', 'p.m.'])} {y}-{mo:02d}-{d:02d}",
                              f"Thursday {d} March {y}", f"{y}-{random.randint(1, 366):03d}", 'garbage', f"{y}-{mo:02d}-{d:02d}x"])
        fmt = random.choice([None, None, None, random.choice(fmts), [random.choice(fmts), random.choice(fmts)]])
        cases.append([text, fmt, random.choice([None, None, None, random.choice(zones)])])
    return cases

def yaml_cases(n):
    alpha = list(" \n:#-\"'0123456789abyn.\té😀\r!%@`?,[]{}|>*&~<=_/\\\u00a0\u2028")
    def scalar():
        r = random.random()
        if r < 0.1: return None
        if r < 0.2: return random.choice([True, False])
        if r < 0.3: return random.randint(-10**12, 10**12)
        if r < 0.4: return random.choice([0.5, 1e20, 1.5e-7, -2.25, 100.0, 1e16, 123456789.123])
        return ''.join(random.choice(alpha) for _ in range(random.choice([0, 1, 2, 3, 5, 8, 20, 90])))
    def node(depth):
        r = random.random()
        if depth > 3 or r < 0.4: return scalar()
        if r < 0.7: return [node(depth + 1) for _ in range(random.randint(0, 4))]
        return {str(scalar()) if not isinstance(k := scalar(), str) else k: node(depth + 1) for _ in range(random.randint(0, 4))}
    return [node(0) for _ in range(n)]

for name, cases in [('strftime', strftime_cases(8000)), ('timespan', timespan_cases(4000)),
                    ('timestamp', timestamp_cases(4000)), ('to_yaml', yaml_cases(4000))]:
    with open(os.path.join(out, name + '.json'), 'w') as f:
        json.dump(cases, f)
