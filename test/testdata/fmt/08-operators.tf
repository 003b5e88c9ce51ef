locals {
  a = 1+2*3
  b = (1+2)*3/4%5
  c = var.x==1&&var.y!=2||!var.z
  d = var.a>=1 ? "yes":"no"
  e = var.a<=  2
  f = var.a>b
  g = var.a<b
  h = !  var.enabled
}
