locals {
  a = "windows"
  b = [
    1,
    2,
  ]
  c = <<EOT
line one
line two
EOT
}
