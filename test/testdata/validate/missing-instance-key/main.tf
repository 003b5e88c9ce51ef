resource "terraform_data" "c" {
  count = 2
}
resource "terraform_data" "k" {
  for_each = toset(["a"])
}
output "a" { value = terraform_data.c.id }
output "b" { value = terraform_data.k.id }
output "c" { value = terraform_data.k.p }
output "d" { value = terraform_data.c[0].nope }
output "e" { value = terraform_data.c }
output "f" { value = terraform_data.c[*].id }
