locals {
  a = aws_instance.web.*.id
  b = aws_instance.web[*].id
  c = aws_instance.web [ * ] . id
  d = var.list.*.name [0]
  e = var.list[*]
  f = var.obj.list.0.name
  g = var.list . 0
}
