# Timestamp and Timespan: creation from strings and numbers, strftime in every calling style, arithmetic,
# comparison and string rendering. Fixed instants only, so the expected catalog does not depend on the clock.
$t = Timestamp('2020-01-02T03:04:05Z')
$later = Timestamp.new('2021-03-04 15:16:17.123456789')
$all = '%Y %m %d %H %M %S %L %N %z %Z %j %a %A %b %B %p %s %e %-d %3N %% %-m %_m %^a %#b %:z %::z %y %C %I %l %P %u %w %U %W %G %g %V %D %F %T %R %r %c %x %X|%n|%t|%10Y %-y %h %k %v %+ %6N %12N %-H %_5d %05e %^B %-I %Q'
notify { 'render':
  message => "t=${t} later=${later} s=${String($t)} arr=${[$t]} hash=${{ 'k' => $t }}",
}
notify { 'parse':
  message => [
    Timestamp('2020-01-02T03:04:05.123456789Z'), Timestamp('2020-01-02 03:04:05'), Timestamp('2020-01-02'),
    Timestamp('2020-01-02T03:04:05.5'), Timestamp('2020-01-02T03:04:05 +01:00'), Timestamp('2020-01-02T03:04:05+0130'),
    Timestamp('2020-01-02T03:04:05 EST'), Timestamp('2020-01-02T03:04:05', '%FT%T', 'CET'),
    Timestamp('2020-01-02 03:04:05 -08:00'), Timestamp('02/01/2020 10:11', '%d/%m/%Y %H:%M'),
    Timestamp('2020-01-02T03:04:05', ['%d/%m/%Y', '%FT%T'], '+05:30'),
    Timestamp({ 'string' => '2020-01-02 03:04', 'format' => '%F %R', 'timezone' => 'PST' }),
    Timestamp(0), Timestamp(1.25), Timestamp(-86400), Timestamp('2020-01-02T03:04:05.12Z'),
  ].join(' | '),
}
notify { 'directives':
  message => $t.strftime($all),
}
notify { 'directives_later':
  message => strftime($later, $all),
}
notify { 'zones':
  message => [
    strftime($t, '%F %T %z %Z', '+01:00'), strftime($t, '%F %T %z %Z', 'EST'), strftime($t, '%F %T %z %Z', 'UTC'),
    strftime($t, '%F %T %z %Z', 'Z'), strftime($t, '%F %T %z %Z', '-0530'), $t.strftime('%c', 'JST'),
    $t.strftime('%F %T %:z', 'CEST'), $t.strftime('%F %T %:z', 'GMT'), $t.strftime('%F %T %z', 'PDT'),
  ].join(' | '),
}
$span = $t - Timestamp('2019-12-01T00:00:00Z')
notify { 'spans':
  message => [
    $span, $t - Timestamp('2020-01-01T00:00:00Z'), Timespan(3723.5), Timespan(0), Timespan(-90),
    strftime(Timespan(3723.5), '%D-%H:%M:%S.%L'), strftime($span, '%D days %H:%M:%S %N %3N %-N'),
    $span.strftime('%H hours %M'), strftime(Timespan(90061.25), '%M:%S.%-L'), strftime(Timespan(-3723), '%H:%M:%S'),
    strftime(Timespan(3723.000456), '%S.%6N %_H %-M'), Timespan('1-02:03:04.5'), Timespan('02:03.25'),
    Timespan('3:04', '%H:%M'), Timespan(1, 2, 3, 4), Timespan(1, 2, 3, 4, 5, 6, 7),
    Timespan({ 'hours' => 2, 'minutes' => 30 }), Timespan({ 'string' => '10', 'format' => '%S' }),
    $t - $later, $later - $t,
  ].join(' | '),
}
notify { 'arithmetic':
  message => [
    $t + 3600, $t + 1.5, $t - 60, $t - 0.25, $t + Timespan(86400), $t - Timespan(1), Timespan(10) + $t,
    Timespan(10) + Timespan(5), Timespan(10) - Timespan(15), Timespan(10) + 2, Timespan(10) * 3,
    Timespan(10) / 4, Timespan(10) / Timespan(4),
  ].join(' | '),
}
notify { 'comparison':
  message => [
    $t < $later, $t > $later, $t == Timestamp('2020-01-02T04:04:05+01:00'), $t != $later, $t <= $t, $later >= $t,
    Timespan(1) < Timespan(2), Timespan(3) == Timespan(3), $t =~ Timestamp, $span =~ Timespan, $t =~ Timespan,
    $t =~ Timestamp['2020-01-01', '2020-12-31'], $later =~ Timestamp['2020-01-01', '2020-12-31'],
    $span =~ Timespan[0, 86400 * 40], type($t), type($span), [$t, $later].max, sort([$later, $t])[0],
  ].join(' | '),
}
