# Edge cases of strftime flags and widths, years far from now, day-of-week boundaries and Timespan formats.
$t = Timestamp('2021-01-03T23:59:59.987654321Z')
$flags = '%-Y|%_Y|%^p|%#p|%#Z|%^Z|%10z|%-z|%_10z|%3S|%_3S|%-3S|%Ec|%Oy|%:y|%10%|%_5a|%-10A|%^_12B|%05s|%-j|%_j|%4C|%-l|%3L|%1N|%0N|%-N|%_N|%10c|%-c|%^c|%20D|%%Y|%_z|%_8z|%010z|%-10z|%_10:z|%EQ|%Ez|%E'
notify { 'flags':
  message => $t.strftime($flags),
}
notify { 'flags_offset':
  message => $t.strftime($flags, '-09:30'),
}
notify { 'weeks':
  message => [
    '2021-01-01', '2021-01-03', '2021-01-04', '2020-12-31', '2018-12-31', '2016-01-01', '2024-02-29', '2027-01-01',
  ].map |$d| { Timestamp($d).strftime('%F %a %u %w %U %W %G %g %V %j') }.join(' | '),
}
notify { 'years':
  message => [
    Timestamp('1970-01-01'), Timestamp('1900-03-04 05:06:07'), Timestamp('2200-12-31T23:59:59.999999999'),
    Timestamp('1999-12-31 23:59:59.5 +14:00'), Timestamp(-1.5), Timestamp(4102444800),
  ].map |$x| { "${x} ${x.strftime('%s %C %y %Y')}" }.join(' | '),
}
notify { 'timespans':
  message => [
    strftime(Timespan(0.000000001), '%N'), strftime(Timespan(0.000000001), '%-N'), strftime(Timespan(1.5), '%L'),
    strftime(Timespan(1.5), '%S %L %-L %_L %3L %_3N %-3N'), strftime(Timespan(-0.25), '%S.%L'),
    strftime(Timespan(100000), '%D %H %M %S'), strftime(Timespan(100000), '%H:%M'), strftime(Timespan(100000), '%M'),
    strftime(Timespan(100000.123), '%S.%N'), strftime(Timespan(59), '%_5S|%05S|%-S|%5S'), strftime(Timespan(3600), 'literal %%'),
    Timespan('-1-02:03:04.5'), Timespan('3 days', '%D days'), Timespan(' 7', '%_D'), Timespan('12.345', '%S.%L'),
    Timespan('12.345678', '%S.%N'), Timespan('120', '%M'), Timespan('1:30', ['%H:%M', '%M:%S']),
  ].join(' | '),
}
$s = Timespan(125)
notify { 'numbers':
  message => [
    -$s, $s % 60, Timespan(-125) % 60, $s == 125, Timestamp(5) == 5, Timestamp(5.5) == 5, Timespan(3) < 5,
    Timespan(2.5) > 2.4, [Timespan(3), Timespan(1)].sort, Timestamp(1) in [Timestamp(1)], Timestamp('2020-01-01') =~ Scalar,
    Timespan(1) =~ ScalarData, Integer(Timestamp(5.5)), Integer(Timespan(-1.5)), Float(Timespan(2.5)), $s =~ Timespan['0', '1-00:00:00'],
  ].join(' | '),
}
notify { 'parse_more':
  message => [
    Timestamp('2020-01-02T03:04:05.123+02:00'), Timestamp('2020-1-2'), Timestamp('20200102', '%Y%m%d'),
    Timestamp('Jan 2 2020', '%b %d %Y'), Timestamp('2020-032', '%Y-%j'),
    Timestamp('03:04:05 PM 2020-01-02', '%I:%M:%S %p %F'), Timestamp('2020-01-02T03:04:05-0700', '%Y-%m-%dT%H:%M:%S%z'),
    Timestamp('Thursday, 02 January 2020', '%A, %d %B %Y'), Timestamp('2020-01-02   03:04'  , '%Y-%m-%d %H:%M'),
    Timestamp('2020-01-02 03:04:05 Eastern Standard Time'), Timestamp('2020-01-02 03:04:05 CET DST'),
    Timestamp('2020-01-02 03:04:05 UTC+3'),
    Timestamp('02.01.20 3:04', '%d.%m.%y %k:%M'), Timestamp('2020-01-02', '%F', '-03:00'),
  ].join(' | '),
}
notify { 'quirks':
  message => [
    $t.strftime('%0#::%x|%#:F|[%_4t]|%-12x|%#^p|%_Ok|%#E%^n|%-Z|%#3Z|%_-z|%5_d|%:|%3:::|%-%|%Ol'),
    $t.strftime('%#3Z|%-12x|%_Ok|%Z', '+05:45'),
  ].join(' / '),
}
notify { 'rollover':
  message => [Timestamp('2087-4-31'), Timestamp('2020-01-01 24:00:00'), Timestamp('2020-02-30 23:59:60')].join(' | '),
}
notify { 'twelve_hour':
  message => [Timestamp('12:21 am 1994-02-16', '%I:%M %p %F'), Timestamp('12:21 PM 1994-02-16', '%I:%M %p %F'),
    $t.strftime('%0-19v|%0-12c')].join(' | '),
}
notify { 'far_years':
  message => [
    Timestamp('9999-12-31T23:59:59.999999999Z'), Timestamp('0045-09-05'), Timestamp('1500-06-01 12:00:00 +02:00'),
    Timestamp('9999-12-31') > Timestamp(), Timestamp('9999-12-31').strftime('%s %j %A'), Integer(Timestamp('1600-01-01')),
    Timestamp('2262-04-12') + 86400 * 365,
  ].join(' | '),
}
notify { 'float_seconds':
  # seconds times 10^9 is a double in Ruby: 0.3 s is 300000000 ns, not the 299999999 of exact decimal arithmetic
  message => [Timestamp(0.3), Timestamp(1577934245.3), Timestamp(-0.7), Timestamp(2.3) + 0.7].join(' | '),
}
