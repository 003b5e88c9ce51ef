subnets = {
  "a" = { cidr = "10.0.1.0/24", az = "us-east-1a" }
  "bbb" = {
  cidr = "10.0.2.0/24"
  az = "us-east-1b"
  }
}
enabled=true
ratio = -0.5
