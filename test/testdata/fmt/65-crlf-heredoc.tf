locals {
  a = <<EOT
  body   
EOT
  bb = "x"
}
