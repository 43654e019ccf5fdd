# PBKDF2 with the rounds password hashing uses, and crypt as stdlib's pw_hash reaches it on each Ruby.
Puppet::Functions.create_function(:'libs::derive') do
  dispatch :derive do
    param 'String', :password
    param 'String', :salt
  end

  def derive(password, salt)
    key = OpenSSL::PKCS5.pbkdf2_hmac(password, salt, 50_000, 64, OpenSSL::Digest.new('SHA512'))
    crypted = if RUBY_PLATFORM == 'java'
                org.apache.commons.codec.digest.Crypt.crypt(password.to_java_bytes, "$6$#{salt}")
              else
                password.crypt("$6$#{salt}")
              end
    { 'pbkdf2' => key.unpack1('H*'), 'sha1' => OpenSSL::PKCS5.pbkdf2_hmac_sha1(password, salt, 1000, 20).unpack1('H*'),
      'crypt' => crypted }
  end
end
