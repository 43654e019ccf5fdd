type Shapes::Hostish = Pattern[/\A[\w.-]+\z/, /\A\h{4}(:\h{1,4})*\z/]
