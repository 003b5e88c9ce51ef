resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = var.ami_id
  instance_type = "t3.small"

  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    echo "Starting ${var.app_name}" >> /var/log/boot.log
    %{ for pkg in var.packages ~}
    dnf install -y ${pkg}
    %{ endfor ~}
    cat > /etc/app.conf <<CONF
    port=${var.port}
    env=${var.env}
    CONF
    echo "cost is $$5 and shell var is $${HOME}"
  EOT
  )

  tag_specifications {
    resource_type = "instance"
    tags          = { Name = "app" }
  }
}

locals {
  raw_heredoc = <<EOT
  keeps   leading spaces
	and a tab
EOT
  empty_heredoc = <<EOT
EOT
  indented_marker = <<-END
      two
    one
    END
}
