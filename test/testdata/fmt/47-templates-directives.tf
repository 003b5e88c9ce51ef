locals {
  a = <<EOT
%{ for ip in var.ips ~}
server ${ip}
%{ endfor ~}
EOT
  b = "%{if var.x}a%{endif}"
  c = "${ var.x }"
}
