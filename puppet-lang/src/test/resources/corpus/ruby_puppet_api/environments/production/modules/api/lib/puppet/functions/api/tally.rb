# Iterates what Puppet iterates: a hash by [key, value] pairs, an array by element, a string by character.
Puppet::Functions.create_function(:'api::tally') do
  dispatch :tally do
    param 'Variant[Hash, Array, String]', :iterable
  end

  def tally(iterable)
    enum = Puppet::Pops::Types::Iterable.asserted_iterable(self, iterable)
    if enum.hash_style?
      enum.map { |key, value| "#{key}=#{value}" }
    else
      seen = []
      loop { seen << enum.next }
      seen
    end
  end
end
