region="us-east-1"
instance_count=3
tags={
Name="x"
    Env = "dev"
}
list = [ "a","b" ]
ami = "${var.x}"
