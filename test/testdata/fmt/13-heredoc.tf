locals {
  a = <<EOT
  this   is    kept
      exactly    as   is
EOT
  b   =   <<-EOT
      indented    body
        more   ${ var.x }
      EOT
  c = 1
}
