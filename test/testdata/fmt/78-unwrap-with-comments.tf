locals {
  a = "${ var.x }" # trailing
  b = /* lead */ "${var.y}"
  c = "${var.z /* inner */}"
  d = "${
    var.multi # note
  }"
}
