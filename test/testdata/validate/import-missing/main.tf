import {
  id = "abc"
}

import {
  to = terraform_data.x
}

resource "terraform_data" "x" {
}
