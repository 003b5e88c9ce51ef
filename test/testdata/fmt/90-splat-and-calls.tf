locals {
  a = length(aws_instance.web[*].id)
  b = aws_instance.web [*].tags ["Name"]
  c = flatten([for s in var.s: s.ids])[0]
  d = (var.a).b
  e = [1, 2][0]
  f = {a=1}["a"]
  g = tolist(var.x)[0].y
}
