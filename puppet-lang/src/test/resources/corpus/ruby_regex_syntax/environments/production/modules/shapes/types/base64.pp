type Shapes::Base64 = Pattern[/\A[a-zA-Z0-9\/\+]+={,2}\z/]
