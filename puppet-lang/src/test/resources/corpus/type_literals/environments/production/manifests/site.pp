# Type literals Ruby Puppet normalises when it creates them, not only when it lists classes
notify { 'timestamp_range':
  message => "${Timestamp['2020-01-01']} ${Timestamp['2020-01-01', '2020-06-30T12:00:00 UTC']}",
}
notify { 'timespan_range':
  message => "${Timespan['1-00:00:00', '2-00:00:00']}",
}
notify { 'struct_keys':
  message => "${Struct[{NotUndef[a] => Integer, Optional[b] => String}]}",
}
notify { 'in_range':
  message => [Timestamp('2020-03-01') =~ Timestamp['2020-01-01', '2020-06-30'], Timespan(3600) =~ Timespan['00:30:00', '02:00:00']].join(' '),
}
