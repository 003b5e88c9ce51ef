locals {
  script = <<-EOT
    #!/bin/bash
    %{~ for name, port in var.ports ~}
    echo "${ name }:${port}"
    %{~ endfor ~}
    %{ if var.debug }set -x%{ endif }
  EOT
}
