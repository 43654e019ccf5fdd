type Shop::Tier = Enum['bronze', 'gold']
$x = shop::label('web', 'platinum')
