# OpenSSL as module code finds it, with PBKDF2 derived over the JDK's HMAC (see Pbkdf2.java): the same bytes as
# JRuby-openssl's, in a thirtieth of the time. Digests the JDK has no HMAC for keep JRuby-openssl's derivation.
# Loaded right after openssl (see Kernel#require in puppetplane.rb).

module Puppetplane
  module FastPbkdf2
    HMACS = { 'SHA1' => 'HmacSHA1', 'SHA224' => 'HmacSHA224', 'SHA256' => 'HmacSHA256', 'SHA384' => 'HmacSHA384',
              'SHA512' => 'HmacSHA512', 'MD5' => 'HmacMD5' }.freeze

    # The derived key, or nil for what the JDK derivation does not take (an unknown digest, no rounds).
    def self.derive(pass, salt, iterations, length, digest)
      hmac = HMACS[(digest.is_a?(OpenSSL::Digest) ? digest.name : digest.to_s).upcase.delete('-')]
      return nil unless hmac && iterations.is_a?(Integer) && iterations >= 1 && length.is_a?(Integer) && length >= 1
      String.from_java_bytes(Java::IoPuppetplaneLangRuby::Pbkdf2.derive(
        hmac, pass.to_str.to_java_bytes, salt.to_str.to_java_bytes, iterations, length))
    end
  end
end

OpenSSL::PKCS5.singleton_class.prepend(Module.new do
  def pbkdf2_hmac(pass, salt, iterations, length, digest)
    Puppetplane::FastPbkdf2.derive(pass, salt, iterations, length, digest) || super
  end

  def pbkdf2_hmac_sha1(pass, salt, iterations, length)
    Puppetplane::FastPbkdf2.derive(pass, salt, iterations, length, 'SHA1') || super
  end
end)

OpenSSL::KDF.singleton_class.prepend(Module.new do
  def pbkdf2_hmac(pass, salt:, iterations:, length:, hash:)
    Puppetplane::FastPbkdf2.derive(pass, salt, iterations, length, hash) || super
  end
end)
