# Standard libraries Puppet's Ruby has loaded, used without a require.
Puppet::Functions.create_function(:'libs::encode') do
  dispatch :encode do
    param 'Hash', :data
  end

  def encode(data)
    {
      'yaml'     => data.to_yaml,
      'json'     => data.to_json,
      'parsed'   => JSON.parse('{"a": [1, 2]}'),
      'base64'   => Base64.strict_encode64('puppet'),
      'md5'      => Digest::MD5.hexdigest('puppet'),
      'sha256'   => OpenSSL::Digest::SHA256.hexdigest('puppet'),
      'set'      => Set.new([3, 1, 3]).to_a.sort,
      'to_set'   => [2, 2, 1].to_set.size,
      'net'      => IPAddr.new('10.1.2.3/8').to_s,
      'included' => IPAddr.new('192.168.0.0/16').include?(IPAddr.new('192.168.4.5')),
      'path'     => Pathname.new('/etc/puppet/../hosts').cleanpath.to_s,
      'host'     => URI.parse('https://forge.example.com:8140/v3').host,
      'time'     => Time.parse('2024-02-29 12:00:00 UTC').utc.iso8601,
      'date'     => Date.new(2024, 3, 1).prev_day.to_s,
      'scanner'  => StringScanner.new('key=value').scan(/\w+/),
      'shell'    => defined?(Shellwords).nil?,
    }
  end
end
