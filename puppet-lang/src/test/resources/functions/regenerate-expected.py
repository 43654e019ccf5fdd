#!/usr/bin/env python3
"""Regenerates expected.tsv from Debian's Ruby Puppet 7 with puppetlabs-stdlib (apt: puppet-module-puppetlabs-stdlib).

Every case of cases.txt becomes a call in one `puppet apply` manifest that prints the result as JSON (wrapped in an
array so that undef shows as null); cases marked with '!' must fail and run one by one to record the error message.
Output lines: function<TAB>args<TAB>OK<TAB>json-of-[result]  or  function<TAB>args<TAB>ERR<TAB>message
"""
import json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

def literal(v):
    if v is None: return 'undef'
    if isinstance(v, bool): return 'true' if v else 'false'
    if isinstance(v, int): return repr(v)
    if isinstance(v, float):
        mantissa, _, exponent = repr(v).partition('e')
        # Puppet wants digits on both sides of the point and no '+' in exponents.
        return mantissa + ('' if '.' in mantissa else '.0') + ('e' + exponent.replace('+', '') if exponent else '')
    if isinstance(v, str):
        return "'" + v.replace('\\', '\\\\').replace("'", "\\'") + "'" if '\n' not in v else '"' + v.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('$', '\\$') + '"'
    if isinstance(v, list): return '[' + ', '.join(literal(e) for e in v) + ']'
    if isinstance(v, dict):
        if set(v) == {'regexp'}: return '/' + v['regexp'].replace('/', '\\/') + '/'
        return '{' + ', '.join(literal(k) + ' => ' + literal(e) for k, e in v.items()) + '}'
    raise ValueError(v)

def call(fn, args):
    return fn + '(' + ', '.join(literal(a) for a in args) + ')'

def apply(manifest, tmp):
    p = subprocess.run(['puppet', 'apply', '--color=false', '--confdir', tmp + '/conf', '--vardir', tmp + '/var',
                        '--modulepath', '/usr/share/puppet/modules', '-e', manifest],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return p.stdout + p.stderr

def main():
    cases = []
    for line in open(os.path.join(HERE, 'cases.txt')):
        if line.startswith('#') or not line.strip(): continue
        fn, args = line.rstrip('\n').split('\t')
        cases.append((fn, args))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        ok = [(i, fn, a) for i, (fn, a) in enumerate(cases) if not fn.startswith('! ')]
        manifest = '\n'.join("notice('CASE%d ', to_json([%s]))" % (i, call(fn, json.loads(a))) for i, fn, a in ok)
        text = apply(manifest, tmp)
        for m in re.finditer(r'Notice: Scope\(Class\[main\]\): CASE(\d+)  ?(.*)', text):
            out[int(m.group(1))] = 'OK\t' + m.group(2)
        for i, fn, a in ok:
            if i not in out:
                sys.exit('case %s %s gave no result:\n%s' % (fn, a, text))
        for i, (fn, a) in enumerate(cases):
            if not fn.startswith('! '): continue
            text = apply("notice(to_json([%s]))" % call(fn[2:], json.loads(a)), tmp)
            m = re.search(r'Error: (?!Facter)(?:Evaluation Error: )?(?:Error while evaluating a Function Call, )?(.*?)(?: \(line: \d+, column: \d+\))?(?: on node \S+)?$', text, re.M)
            if not m: sys.exit('case %s %s did not fail:\n%s' % (fn, a, text))
            out[i] = 'ERR\t' + m.group(1)
    with open(os.path.join(HERE, 'expected.tsv'), 'w') as f:
        for i, (fn, a) in enumerate(cases):
            f.write('%s\t%s\t%s\n' % (fn.replace('! ', ''), a, out[i]))

main()
