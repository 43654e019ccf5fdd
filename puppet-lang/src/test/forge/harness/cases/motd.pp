# As motd's README shows: a static message, and an issue file.
class { 'motd':
  content       => "Hello world!\n",
  issue_content => "Authorised use only\n",
}
