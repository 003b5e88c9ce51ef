locals {
  a = <<EOT
${var.x}
EOT
  b = "${var.y}"
}
