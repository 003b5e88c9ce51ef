locals {
  a = 1
  bb = <<EOT
x
EOT
  ccc = 3
  d = 4
}
