resource "terraform_data" "x" {
  connection {
    host = "a"
  }
  connection {
    host = "b"
  }
  provisioner "local-exec" {
    command = "echo"
    lifecycle {
    }
  }
  provisioner {
  }
}
