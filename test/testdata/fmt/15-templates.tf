locals {
  a = "hello ${ var.name }!"
  b = "${var.a}-${ var.b }"
  c = "%{ if var.x }yes%{ else }no%{ endif }"
  d = "%{for s in var.list}${s},%{endfor}"
  e = "${~ var.a ~}"
  f = "plain   string   with   spaces"
  g = "${ { a = 1 } }"
  h = "${var.m[ "k" ]}"
}
