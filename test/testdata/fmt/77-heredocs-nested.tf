resource "x" "y" {
  inner {
    list = [
      <<-EOT
        one
      EOT
      ,
      <<EOT
two
EOT
    ]
    after = 1
  }
  tags = merge({
    a = <<EOT
x
EOT
  }, var.t)
}
