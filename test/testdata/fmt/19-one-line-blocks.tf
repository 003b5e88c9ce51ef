resource "a" "b" {   }
resource "a" "c" {}
resource "a" "d" {x = 1}
variable "v" {   default = 1   }
locals {a = {}}
