package io.puppetplane.lang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an environment whose catalog has at least {@code resources} resources: classes with typed parameters,
 * a defined type used many times, iteration, string interpolation and relationships, like an ordinary site.
 */
public final class SyntheticSite {

    private SyntheticSite() {
    }

    public static Path write(Path codedir, int resources) throws IOException {
        Path env = codedir.resolve("environments/production");
        Path mod = Files.createDirectories(env.resolve("modules/app/manifests"));
        Files.createDirectories(env.resolve("manifests"));
        int instances = resources / 5;
        Files.writeString(env.resolve("manifests/site.pp"), """
            node default {
              include app
            }
            """);
        Files.writeString(mod.resolve("init.pp"), """
            class app (
              Integer[1] $instances = %d,
              String $base = '/srv/app',
            ) {
              file { $base: ensure => directory }
              range(1, $instances).each |$i| {
                app::instance { "inst${i}": port => 8000 + $i, root => $base }
              }
            }
            """.formatted(instances).replace("range(1, $instances)", "Integer[1, $instances]"));
        Files.writeString(mod.resolve("instance.pp"), """
            define app::instance (
              Integer $port,
              String $root,
              Array[String] $opts = ['a', 'b'],
            ) {
              $dir = "${root}/${title}"
              file { $dir: ensure => directory, mode => '0755' }
              file { "${dir}/config.ini":
                content => "port=${port}\\nopts=${opts}\\n",
                require => File[$dir],
              }
              package { "pkg-${title}": ensure => installed }
              service { "svc-${title}":
                ensure    => running,
                subscribe => File["${dir}/config.ini"],
                require   => Package["pkg-${title}"],
              }
              exec { "init-${title}": command => "/bin/echo ${port}", refreshonly => true }
              Service["svc-${title}"] ~> Exec["init-${title}"]
            }
            """);
        return env;
    }
}
