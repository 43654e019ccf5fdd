
# A gadget: two namevars joined in the title.
Puppet::Resource::ResourceType3.new(
  'gadget',
  [
    # The basic property that the resource should be in.
    # 
    # Valid values are `present`, `absent`.
    Puppet::Resource::Param(Enum['present', 'absent'], 'ensure'),

    Puppet::Resource::Param(Any, 'colour')
  ],
  [
    Puppet::Resource::Param(Any, 'maker', true),

    Puppet::Resource::Param(Any, 'model', true)
  ],
  {
    /^(.*)\/(.*)$/ => ['maker', 'model'],
    /(?m-ix:(.*))/ => ['model']
  },
  true,
  false)
