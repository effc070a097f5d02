"""The static site's program browser script: it reads the filters from the page's query
string, hides the programs none of whose activities satisfies them, recounts every facet value
and rewrites the links so that filters combine, as ``oaskg serve`` does on the server.

Its data is the JSON element ``#browser-data`` written by :mod:`build_graph.web.browser`:
``programs`` (program -> its activities, each facet -> the values it matches), ``names``
(facet -> value -> label), ``facets`` (facet -> heading), ``found`` and ``clear`` (words).
"""

SCRIPT = r"""(function(){
var data=JSON.parse(document.getElementById('browser-data').textContent);
var params=new URLSearchParams(location.search),facets=Object.keys(data.facets),chosen={};
facets.forEach(function(f){var v=params.get(f);
  if(v&&data.names[f][v]!==undefined)chosen[f]=v;});
function ok(act,skip){return facets.every(function(f){
  return f===skip||!(f in chosen)||act[f].indexOf(chosen[f])>=0;});}
function link(ch){var q=new URLSearchParams();
  facets.forEach(function(f){if(f in ch)q.set(f,ch[f]);});
  var s=q.toString();return 'programs.html'+(s?'?'+s:'');}
function without(f){var ch=Object.assign({},chosen);delete ch[f];return ch;}
var n=0;
document.querySelectorAll('#programs tbody tr').forEach(function(tr){
  var acts=data.programs[tr.getAttribute('data-program')]||[];
  var show=acts.some(function(a){return ok(a,null);});
  tr.hidden=!show;if(show)n++;});
document.getElementById('found').textContent=data.found.replace('{n}',n);
document.querySelectorAll('section.facet').forEach(function(sec){
  var f=sec.getAttribute('data-facet');
  sec.querySelectorAll('li').forEach(function(li){
    var v=li.getAttribute('data-value'),c=0;
    Object.keys(data.programs).forEach(function(p){
      if(data.programs[p].some(function(a){return ok(a,f)&&a[f].indexOf(v)>=0;}))c++;});
    var on=chosen[f]===v,ch=without(f);if(!on)ch[f]=v;
    li.querySelector('.count').textContent=c;li.hidden=c===0;li.className=on?'on':'';
    li.querySelector('a').setAttribute('href',link(ch));});});
var box=document.getElementById('chosen');box.textContent='';
Object.keys(chosen).forEach(function(f){var a=document.createElement('a');a.href=link(without(f));
  a.textContent='\u2715 '+data.facets[f]+': '+data.names[f][chosen[f]];box.appendChild(a);
  box.appendChild(document.createTextNode(' '));});
if(Object.keys(chosen).length){var a=document.createElement('a');a.href='programs.html';
  a.textContent=data.clear;box.appendChild(a);}
})();"""
