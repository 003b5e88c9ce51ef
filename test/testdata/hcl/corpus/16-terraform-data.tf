variable "revision" {
  type    = number
  default = 1
}

resource "terraform_data" "replacement" {
  input = var.revision
}

resource "terraform_data" "bootstrap" {
  triggers_replace = [terraform_data.replacement.output, timestamp()]

  provisioner "local-exec" {
    command     = "echo bootstrapping ${self.id}"
    interpreter = ["/bin/bash", "-c"]
    environment = {
      STAGE = "init"
    }
  }

  lifecycle {
    replace_triggered_by = [terraform_data.replacement]
  }
}

output "id" {
  value = terraform_data.bootstrap.id
}
