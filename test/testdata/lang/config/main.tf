variable "region" {
  type    = string
  default = "from-default"
}
variable "from_env" {
  type    = string
  default = "from-default"
}
variable "from_tfvars" {
  default = "from-default"
}
variable "from_json" {
  default = "from-default"
}
variable "from_auto" {
  default = "from-default"
}
variable "secret" {
  type      = string
  default   = "hunter2"
  sensitive = true
}
variable "servers" {
  type = map(object({
    size = optional(string, "small")
    tags = optional(map(string), {})
    disks = optional(list(object({
      gb   = number
      kind = optional(string, "gp3")
    })), [])
  }))
  default = {
    web = { disks = [{ gb = 10 }] }
    db  = { size = "large", tags = { tier = "data" } }
  }
}
variable "maybe" {
  type     = string
  default  = null
  nullable = true
}
variable "numbers" {
  type    = list(number)
  default = [3, 1, 2]
}
locals {
  greeting = "Hello, ${var.region}!"
  template = "Hi $${name}, you have %%{ if n > 0 }$${n}%%{ else }no%%{ endif } items"
  listing  = <<-EOT
    %{~ for name, s in var.servers ~}
    ${name}: ${s.size}
    %{~ endfor ~}
  EOT
  sizes    = { for k, s in var.servers : k => s.size }
  by_size  = { for k, s in var.servers : s.size => k... }
  secret2  = "${var.secret}-x"
  ids      = terraform_data.counted[*].id
  keyed    = { for k, r in terraform_data.keyed : k => r.output }
}
resource "terraform_data" "single" {
  input = { a = 1, b = ["x", "y"] }
}
resource "terraform_data" "counted" {
  count = 2
  input = "n${count.index}"
}
resource "terraform_data" "keyed" {
  for_each = toset(["p", "q"])
  input    = upper(each.key)
}
output "greeting" {
  value = local.greeting
}
