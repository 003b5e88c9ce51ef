provider "aws" {
  region = "us-east-1"
}
data "aws_ami" "al" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-2023*-x86_64"]
  }
  timeouts {
    read = "5m"
  }
}
data "aws_vpc" "default" {
  default = true
  timeouts {
    read = "1m"
  }
}
resource "aws_subnet" "s" {
  vpc_id     = data.aws_vpc.default.id
  cidr_block = "172.31.200.0/24"
  timeouts {
    create = "5m"
  }
}
resource "aws_security_group" "g" {
  name   = "t"
  vpc_id = data.aws_vpc.default.id
  timeouts {
    create = "5m"
    delete = "2m"
  }
}
resource "aws_security_group_rule" "r" {
  type              = "ingress"
  security_group_id = aws_security_group.g.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  timeouts {
    create = "1m"
  }
}
resource "aws_instance" "w" {
  ami           = data.aws_ami.al.id
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.s.id
  timeouts {
    create = "10m"
  }
}
resource "aws_ebs_volume" "v" {
  availability_zone = aws_instance.w.availability_zone
  size              = 1
  timeouts {
    create = "5m"
  }
}
resource "aws_volume_attachment" "a" {
  device_name = "/dev/sdh"
  volume_id   = aws_ebs_volume.v.id
  instance_id = aws_instance.w.id
  timeouts {
    create = "5m"
  }
}
resource "aws_ebs_snapshot" "snap" {
  volume_id = aws_ebs_volume.v.id
  timeouts {
    create = "5m"
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "tfsim-timeouts"
  timeouts {
    create = "5m"
  }
}
