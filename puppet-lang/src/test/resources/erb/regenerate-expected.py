#!/usr/bin/env python3
"""Regenerates expected/ from Debian's Ruby Puppet 7: every templates/*.erb rendered by template() with the
top-scope variables of vars.json. Templates named err-*.erb must fail: the line and detail of the error are
recorded instead (expected/NAME.error: line number, then message)."""
import json, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

def literal(v):
    if v is None: return 'undef'
    if isinstance(v, bool): return 'true' if v else 'false'
    if isinstance(v, (int, float)): return repr(v)
    if isinstance(v, str): return '"' + v.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('$', '\\$') + '"'
    if isinstance(v, list): return '[' + ', '.join(literal(e) for e in v) + ']'
    if isinstance(v, dict): return '{' + ', '.join(literal(k) + ' => ' + literal(e) for k, e in v.items()) + '}'
    raise ValueError(v)

def apply(manifest, tmp):
    p = subprocess.run(['puppet', 'apply', '--color=false', '--confdir', tmp + '/conf', '--vardir', tmp + '/var', '-e', manifest],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return p.stdout + p.stderr

def main():
    variables = json.load(open(os.path.join(HERE, 'vars.json')))
    prelude = '\n'.join('$%s = %s' % (k, literal(v)) for k, v in variables.items())
    templates = sorted(f for f in os.listdir(os.path.join(HERE, 'templates')) if f.endswith('.erb'))
    expected = os.path.join(HERE, 'expected')
    shutil.rmtree(expected, ignore_errors=True)
    os.makedirs(expected)
    with tempfile.TemporaryDirectory() as tmp:
        out = tmp + '/out'
        os.makedirs(out)
        good = [t for t in templates if not t.startswith('err-')]
        resources = '\n'.join("file { '%s/%s.out': content => template('%s/templates/%s') }" % (out, t[:-4], HERE, t) for t in good)
        text = apply(prelude + '\n' + resources, tmp)
        for t in good:
            path = '%s/%s.out' % (out, t[:-4])
            if not os.path.exists(path): sys.exit('%s was not rendered:\n%s' % (t, text))
            shutil.copy(path, os.path.join(expected, t[:-4] + '.out'))
        for t in templates:
            if not t.startswith('err-'): continue
            text = apply(prelude + "\nnotice(template('%s/templates/%s'))" % (HERE, t), tmp)
            m = re.search(r'^  Line: (\d+)\n  Detail: (.*)$', text, re.M)
            if not m: sys.exit('%s did not fail as expected:\n%s' % (t, text))
            with open(os.path.join(expected, t[:-4] + '.error'), 'w') as f:
                f.write('%s\n%s\n' % (m.group(1), m.group(2)))

main()
