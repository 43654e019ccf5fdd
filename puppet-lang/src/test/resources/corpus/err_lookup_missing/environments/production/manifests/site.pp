$x = lookup('nope::key')
