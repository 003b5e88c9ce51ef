locals {
  a = max( 1,2,3 )
  b = merge(var.a , var.b)
  c = concat(var.list...)
  d = format ("%s", "x")
  e = lookup(var.m,"k" , "default")
  f = provider::aws::arn_parse("arn:aws:iam::123456789012:root")
  g = jsonencode({
    a = 1
    bb = 2
  })
  h = coalesce(
    var.a,
      var.b,
    "c"
  )
}
