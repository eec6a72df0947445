package generator

import "testing"

func TestRewriteForPrint(t *testing.T) {
	anchor := map[string]string{"": "page-home", "a/b/": "page-a-b", "a/c/": "page-a-c"}
	in := `<h2 id="x">X</h2><p>See <a href="../c/#y">c</a>, <a href="#x">here</a>, <a href="./">self</a>, <a href="../../">home</a>, <img src="../img.png" alt="i"> and <a href="https://nhs.uk/">out</a>.</p><h3 id="z">Z</h3><label for="task-a">a</label><hr><p>Text that reads id="x" or href="y" is not a tag.</p>`
	want := `<h3 id="page-a-b-x">X</h3><p>See <a href="#page-a-c-y">c</a>, <a href="#page-a-b-x">here</a>, <a href="#page-a-b">self</a>, <a href="#page-home">home</a>, <img src="../a/img.png" alt="i"> and <a href="https://nhs.uk/">out</a>.</p><h4 id="page-a-b-z">Z</h4><label for="page-a-b-task-a">a</label><hr><p>Text that reads id="x" or href="y" is not a tag.</p>`
	if got := string(rewriteForPrint([]byte(in), "a/b/", "page-a-b", anchor)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
