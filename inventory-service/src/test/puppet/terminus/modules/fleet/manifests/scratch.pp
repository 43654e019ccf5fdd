# Every file these manifests manage lives under the fact pp_scratch, the test's temporary directory.
class fleet::scratch {
  unless $facts['pp_scratch'] =~ /puppet-terminus/ {
    fail("the fact pp_scratch must name the test's scratch directory, not '${facts['pp_scratch']}'")
  }
}
