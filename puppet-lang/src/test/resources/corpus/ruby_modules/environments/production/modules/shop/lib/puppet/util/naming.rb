# Module code shared by the module's functions, loaded with require.
module Shop
  module Naming
    def self.suffix
      'v2'
    end
  end
end
