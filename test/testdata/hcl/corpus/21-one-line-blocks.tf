variable "empty" {}
variable "typed" { type = string }
locals { single = 1 }
resource "aws_vpc" "x" { cidr_block = "10.1.0.0/16" }
data "aws_region" "current" {}

resource "aws_instance" "y" {
  lifecycle { create_before_destroy = true }
  ebs_block_device { device_name = "/dev/sdb" }
  ebs_block_device { device_name = "/dev/sdc" }
  timeouts { create = "10m" }
}
