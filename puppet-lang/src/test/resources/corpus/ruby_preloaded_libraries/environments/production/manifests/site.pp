$encoded = libs::encode({ 'name' => 'web', 'ports' => [80, 443] })
$encoded.each |$key, $value| {
  notify { "encode ${key}": message => $value }
}
notify { 'versions': message => libs::versions(['1.10.0', '1.9.2', '1.2', '1.10.0.rc1']) }
notify { 'derive': message => libs::derive('Pa55w0rd', 'saltsalt') }
notify { 'metadata': message => metadata_author('Vox Pupuli') }
notify { 'scanf': message => libs::optional_library('scanf') }
