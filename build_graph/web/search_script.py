"""The static site's search script: it folds ``?q=`` as :func:`build_graph.web.search.fold`
does (lower case, no accents, punctuation as spaces) and ranks each listed resource by its
folded names (``data-n``) and acronyms (``data-a``) as :func:`build_graph.web.search.rank`
does, showing the matches best first."""

SCRIPT = r"""(function(){
function fold(s){return s.normalize('NFKD').replace(/[\u0300-\u036f]/g,'').toLowerCase()
  .replace(/[^\p{L}\p{N}_]+/gu,' ').trim().replace(/\s+/g,' ');}
function rank(q,names,acronyms){var best=9,words=q.split(' ');
  acronyms.forEach(function(n){if(n===q)best=0;});
  names.concat(acronyms).forEach(function(n){
    if(n===q)best=Math.min(best,1);
    else if(n.indexOf(q+' ')===0||(n.indexOf(q)===0&&q.length>2))best=Math.min(best,2);
    else if((' '+n+' ').indexOf(' '+q+' ')>=0)best=Math.min(best,3);
    else if(words.every(function(w){return n.indexOf(w)>=0;}))best=Math.min(best,4);});
  return best;}
var raw=new URLSearchParams(location.search).get('q')||'',q=fold(raw);
document.getElementById('q').textContent=raw;
var list=document.getElementById('hits'),items=Array.prototype.slice.call(list.children);
var ranked=items.map(function(li,i){
  var names=(li.getAttribute('data-n')||'').split('|').filter(Boolean);
  var acronyms=(li.getAttribute('data-a')||'').split('|').filter(Boolean);
  return {li:li,i:i,r:q===''?0:rank(q,names,acronyms)};});
ranked.sort(function(a,b){return a.r-b.r||a.i-b.i;});
ranked.forEach(function(x){x.li.hidden=x.r>=9;list.appendChild(x.li);});
})();"""
