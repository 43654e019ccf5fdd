# A type that asks Facter while it loads, as agent-side branches do: at compile time nothing depends on the answer.
Puppet::Type.newtype(:api_mount) do
  newparam(:name, namevar: true)

  newproperty(:dump) do
    if Facter.value('os.family') == 'Solaris'
      newvalue(%r{(0|1|2)})
    else
      newvalue(%r{(0|1)})
    end
  end
end
