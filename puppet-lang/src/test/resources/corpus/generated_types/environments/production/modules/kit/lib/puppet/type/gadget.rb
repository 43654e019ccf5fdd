# The environment's .resource_types/gadget.pp answers for this type, so this file is never loaded at compile time.
raise 'gadget.rb must not be loaded: .resource_types/gadget.pp describes the type'
